/**
 * The lifecycle's own domain, free of framework code: which metrics a comparison rests on ({@link Comparison}), the
 * one canonical evidence document every decision is bound to ({@link DecisionEvidence}), and the rule that decides
 * whether a decision still stands when things change under it ({@link PromotionCheck}).
 */
package org.modelops.governance.lifecycle.model;
