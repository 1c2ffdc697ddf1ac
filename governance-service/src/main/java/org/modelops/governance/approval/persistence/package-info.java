/** PostgreSQL adapter of approval records. */
package org.modelops.governance.approval.persistence;
