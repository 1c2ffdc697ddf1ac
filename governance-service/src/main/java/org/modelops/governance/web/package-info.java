/**
 * HTTP edge shared by all features: RFC 9457 problem details for every error, strict JSON request reading against
 * the published JSON Schemas, and the service's static documents (the OpenAPI description).
 */
package org.modelops.governance.web;
