package org.modelops.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to the service takes. */
public final class Global {

    @Option(names = "--url", paramLabel = "URL", description = "the service, e.g. http://localhost:8080 (env MODELOPS_URL)")
    String url;

    @Option(names = "--issuer", paramLabel = "URL", description = "the identity provider's issuer (env MODELOPS_ISSUER; default: what the service names)")
    String issuer;

    @Option(names = "--json", description = "print JSON for scripts instead of text")
    boolean json;

    public boolean json() {
        return json;
    }
}
