/** PostgreSQL adapters of the registry's ports, in plain SQL through Micronaut Data's JDBC operations. */
package org.modelops.governance.registry.persistence;
