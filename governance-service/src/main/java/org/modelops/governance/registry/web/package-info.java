/** The registry's REST resources under {@code /api/v1/models}. */
package org.modelops.governance.registry.web;
