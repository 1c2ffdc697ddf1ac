package org.modelops.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command reads from its surroundings: the environment, where the token cache lives, the standard streams,
 * the clock and how it waits. {@link #system()} is the real one; tests build their own.
 */
public record Context(Map<String, String> env, Path configDir, PrintStream out, PrintStream err, InputStream in,
        Clock clock, Sleeper sleeper) {

    public static Context system() {
        var env = System.getenv();
        return new Context(env, configDir(env), System.out, System.err, System.in, Clock.systemUTC(),
                Sleeper.system());
    }

    /** {@code MODELOPS_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/modelops}, else {@code ~/.config/modelops}. */
    public static Path configDir(Map<String, String> env) {
        var explicit = env.get("MODELOPS_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        var xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "modelops");
        }
        return Path.of(System.getProperty("user.home"), ".config", "modelops");
    }

    public String env(String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public Context withEnv(Map<String, String> newEnv) {
        return new Context(newEnv, configDir, out, err, in, clock, sleeper);
    }
}
