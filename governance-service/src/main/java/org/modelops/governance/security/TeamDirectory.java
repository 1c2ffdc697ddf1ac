package org.modelops.governance.security;

import java.util.List;

/**
 * The teams the identity provider knows (its groups), by name. A caller's own teams come with their token
 * ({@link Actor#teams()}); this is how the service knows a team the caller is not in, e.g. when a governance admin
 * hands a model to another team.
 */
public interface TeamDirectory {

    boolean exists(String team);

    List<String> teams();
}
