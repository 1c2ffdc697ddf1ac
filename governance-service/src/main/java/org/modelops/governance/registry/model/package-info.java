/** The registry's domain: plain Java, no framework. */
package org.modelops.governance.registry.model;
