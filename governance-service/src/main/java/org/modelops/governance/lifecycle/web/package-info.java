/** REST resources for a model's deployment, a version's timeline and evaluations, rollback and retirement. */
package org.modelops.governance.lifecycle.web;
