package org.modelops.governance.mlflow.model;

/**
 * The outcome of reading a version's run from the tracking server: the run, or why it could not be read, or nothing
 * to read (no {@code run_id}/{@code model_id}, or no tracking server configured).
 *
 * @param from where it was read (or tried), e.g. "run 3f2a… on http://mlflow:5000"; null when nothing was read
 */
public record RunLookup(TrackedRun run, String problem, String from) {

    public static final RunLookup NOTHING = new RunLookup(null, null, null);

    public static RunLookup read(TrackedRun run, String from) {
        return new RunLookup(run, null, from);
    }

    public static RunLookup failed(String problem, String from) {
        return new RunLookup(null, problem, from);
    }

    /** How the run was read, for a waiting version's {@code status_message}; null when nothing was read. */
    public String state() {
        if (problem != null) {
            return from + " could not be read: " + problem + " (it is read again when a tag is set on this version"
                    + " or the same create is sent again)";
        }
        return from == null ? null : from + " was read";
    }
}
