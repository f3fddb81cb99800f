/**
 * The wire types of the policyledger.io API, as records serialized with Jackson.
 *
 * <p>The node rule stream, as the server sends it and an agent reads it: a watch's events carry a
 * {@link io.policyledger.protocol.PeerSetSpec} (kind {@code PeerSet}), a {@link io.policyledger.protocol.PodRulesSpec}
 * (kind {@code PodRules}) or a bookmark (kind {@code NodeRules}). Fields an older reader does not know are
 * ignored, so a server may add some without breaking agents; what they would have meant is not guessed at:
 * a peer of a kind the reader does not know ({@link io.policyledger.protocol.Peer#UNKNOWN}) admits no one in
 * an Accept and refuses everyone in a Deny or Pass.
 *
 * <p>The responses tenants and auditors read: {@link io.policyledger.protocol.NodeView} (the fleet),
 * {@link io.policyledger.protocol.EffectiveRulesView} (a pod's rules), {@link io.policyledger.protocol.ConnectivityView}
 * (checks and matrices), {@link io.policyledger.protocol.AuditView} (the trail, the log's verification and
 * its checkpoints) and {@link io.policyledger.protocol.RebuildView} (rebuilds of the read models).
 */
package io.policyledger.protocol;
