/**
 * The county office's reports (monthly to yearly workbooks) and their schedule.
 *
 * <p>Onion ring: application (checked by ArchitectureRulesTest in the web module).
 */
@ApplicationRing
package cn.moralbank.points.report;

import org.jmolecules.architecture.onion.simplified.ApplicationRing;
