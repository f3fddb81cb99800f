-- ClusterNetworkPolicies take part in the effective rules from this version on. An installation whose log
-- already holds some rebuilds its effective rules from the log on its next start (the processor's token
-- goes; the projection then starts over, and agents relist, as in V7); one that holds none keeps them.
DELETE FROM token_entry
WHERE processor_name = 'effective-rules'
  AND EXISTS (SELECT 1 FROM domain_event_entry WHERE payload_type LIKE '%.ClusterNetworkPolicyCreated');
DELETE FROM projection_position
WHERE projection = 'effective-rules'
  AND EXISTS (SELECT 1 FROM domain_event_entry WHERE payload_type LIKE '%.ClusterNetworkPolicyCreated');
