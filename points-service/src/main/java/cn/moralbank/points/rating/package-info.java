/**
 * Rating rounds (星级文明户, grid workers' quarters): the RatingRound aggregate (domain ring, declared on the class), its
 * services and the figures it scores from.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.rating;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
