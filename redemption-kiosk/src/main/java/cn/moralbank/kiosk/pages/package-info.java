/**
 * The kiosk's and the supermarket operator's pages (Thymeleaf).
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.kiosk.pages;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
