/** PostgreSQL storage of baselines, counted record ids, window counts and the last drift verdicts. */
package org.modelops.governance.monitoring.persistence;
