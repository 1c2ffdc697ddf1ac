package org.modelops.governance.policy;

import java.util.List;
import java.util.Optional;
import org.modelops.governance.policy.model.PolicyVersion;

/** Where published policy versions are kept; they are never changed or removed. */
public interface PolicyCatalog {

    /**
     * Serialises publications until the transaction ends, so that no two policies can come to cover the same model
     * or risk tier unseen, and a name is seeded once.
     */
    void lockPublications();

    /** Stores the next version of the policy; the number is assigned under a lock on the policy name. */
    PolicyVersion publish(String name, String sha256, String content, String publishedBy);

    Optional<PolicyVersion> latest(String name);

    Optional<PolicyVersion> version(String name, int version);

    /** Every version of the policy, newest first. */
    List<PolicyVersion> versions(String name);

    /** The latest version of every policy. */
    List<PolicyVersion> latestOfEach();
}
