/** The decision inbox REST resources. */
package org.modelops.governance.approval.web;
