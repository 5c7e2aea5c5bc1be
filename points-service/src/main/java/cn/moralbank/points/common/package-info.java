/**
 * The shared kernel (共享内核) of every context: refusals (BadInput, NotFound), checked values (SaneDate, PlainText,
 * WholeNumber) and the ports the application ring's persistence goes through (SqlRows, BatchedStatements, PerBatch,
 * TransactionLocks, each in the application ring itself, implemented in infra).
 *
 * <p>Onion ring: domain (checked by ArchitectureRulesTest in the web module).
 */
@DomainRing
package cn.moralbank.points.common;

import org.jmolecules.architecture.onion.simplified.DomainRing;
