/**
 * The model catalog and the model page: find a model (search, risk tier, state), see its versions, which of them
 * serve which share of traffic, and each version's lifecycle timeline; roll back or retire with a reason.
 */
package org.modelops.portal.catalog;
