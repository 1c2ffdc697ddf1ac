package org.modelops.governance.policy;

import java.util.List;
import java.util.Optional;
import org.modelops.governance.policy.model.PolicyVersion;

/** Where published policy versions are kept; they are never changed or removed. */
public interface PolicyCatalog {

    /** Stores the next version of the policy; the number is assigned under a lock on the policy name. */
    PolicyVersion publish(String name, String sha256, String content, String publishedBy);

    Optional<PolicyVersion> latest(String name);

    Optional<PolicyVersion> version(String name, int version);

    List<PolicyVersion> versions(String name);

    /** The latest version of every policy. */
    List<PolicyVersion> latestOfEach();
}
