/**
 * Infrastructure: Axon's wiring (event store, token store, processors, dead letters), JDBC and the database,
 * strict JSON; implements the ports the inner rings own (SqlRows, BatchedStatements, PerBatch, TransactionLocks).
 *
 * <p>Onion ring: infrastructure (checked by ArchitectureRulesTest in the web module).
 */
@InfrastructureRing
package cn.moralbank.points.infra;

import org.jmolecules.architecture.onion.simplified.InfrastructureRing;
