/** The monitoring API: baseline upload, monitoring spec, prediction ingestion and drift status of a version. */
package org.modelops.governance.monitoring.web;
