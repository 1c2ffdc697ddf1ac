package org.modelops.portal.shell;

/**
 * Runs slow work away from the request, so that the page stays usable meanwhile; the work reports back through
 * {@code UI.access}. The portal runs each task on a virtual thread; tests run it at once.
 */
@FunctionalInterface
public interface BackgroundWork {

    void start(Runnable task);
}
