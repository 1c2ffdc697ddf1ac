/** Breaches received and retraining requests, in PostgreSQL. */
package org.modelops.governance.serving.persistence;
