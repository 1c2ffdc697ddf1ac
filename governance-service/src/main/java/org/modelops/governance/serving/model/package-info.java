/** The serving phase's rules, free of framework code: which action follows a breach, when a rollback is refused. */
package org.modelops.governance.serving.model;
