package cn.moralbank.points.rules;

import org.jmolecules.architecture.onion.simplified.DomainRing;

/** The five civilisations (五个文明) the rules catalog is divided into. */
@DomainRing
public enum Category {
    /** 物质文明 */
    MATERIAL,
    /** 政治文明 */
    POLITICAL,
    /** 精神文明 (cultural-ethical) */
    SPIRITUAL,
    /** 社会文明 */
    SOCIAL,
    /** 生态文明 */
    ECOLOGICAL
}
