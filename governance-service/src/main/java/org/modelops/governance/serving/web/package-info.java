/** Retraining requests over HTTP. */
package org.modelops.governance.serving.web;
