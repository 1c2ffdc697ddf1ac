/**
 * The frame around every page: navigation offered by role, the signed-in user and sign-out, the landing page that
 * sends each persona to where their work is, and the small shared pieces (badges, feedback, the reason dialog).
 */
package org.modelops.portal.shell;
