package io.policyledger.app.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.policyledger.core.access.Caller;
import io.policyledger.core.access.Role;
import io.policyledger.core.engine.AllowPeer;
import io.policyledger.core.engine.ClusterRuleRef;
import io.policyledger.core.engine.Isolation;
import io.policyledger.core.engine.PodRef;
import io.policyledger.core.engine.PodRuleSet;
import io.policyledger.core.engine.PolicyRef;
import io.policyledger.core.engine.PortMatch;
import io.policyledger.core.engine.Protocol;
import io.policyledger.core.engine.RuleAction;
import io.policyledger.core.engine.Tier;
import io.policyledger.core.engine.VerdictRule;
import io.policyledger.core.net.Cidr;
import io.policyledger.query.effective.EffectiveRulesReader.Member;
import io.policyledger.query.effective.EffectiveRulesReader.PodRules;
import io.policyledger.testing.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An {@code EffectiveRules} object as a client reads it, compared with reviewed copies under
 * {@code src/test/resources/golden/effectiverules} (field order included): every shape a rule, a peer
 * and a port can take, and what a tenant is shown of another tenant's pods. After an intended change,
 * regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class EffectiveRulesWireTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path GOLDEN = Path.of("src/test/resources/golden/effectiverules");

    private static final Caller SHOP_ADMIN = new Caller("alice", Role.TENANT_ADMIN, "shop", null);
    private static final PolicyRef ALLOW_WEB = PolicyRef.v1("shop", "allow-web");
    private static final PolicyRef LEGACY = PolicyRef.v1alpha1("shop", "legacy");

    private final EffectiveRulesPresenter presenter = new EffectiveRulesPresenter();

    @Test
    void anIsolatedPodShowsWhatEachPolicyAdmitsAndAnotherTenantsPodsByAddressOnly() throws IOException {
        VerdictRule fromPeers = VerdictRule.accept(
                new AllowPeer.PeerSetMembers("ps-1"),
                false,
                List.of(
                        PortMatch.range(Protocol.TCP, 80, 80),
                        PortMatch.range(Protocol.TCP, 8000, 8080),
                        PortMatch.named(Protocol.TCP, "http"),
                        PortMatch.allOf(Protocol.UDP)),
                ALLOW_WEB);
        VerdictRule fromRange = VerdictRule.accept(
                new AllowPeer.Range(cidr("10.0.0.0/8"), List.of(cidr("10.1.0.0/16"), cidr("10.2.0.0/16"))),
                true,
                List.of(),
                LEGACY);
        VerdictRule fromWholeRange =
                VerdictRule.accept(new AllowPeer.Range(cidr("192.168.0.0/24"), List.of()), true, List.of(), LEGACY);
        PodRuleSet rules = new PodRuleSet(
                new PodRef("shop", "web"),
                new Isolation(true, List.of(ALLOW_WEB, LEGACY)),
                List.of(fromPeers, fromRange, fromWholeRange),
                new Isolation(false, List.of(ALLOW_WEB)),
                List.of(VerdictRule.accept(AllowPeer.ANYONE, true, List.of(), ALLOW_WEB)));
        PodRules pod = new PodRules(
                new PodRef("shop", "web"),
                "node-1",
                List.of("10.0.0.5", "fd00::5"),
                42,
                rules,
                Map.of(
                        "ps-1",
                        List.of(
                                new Member(new PodRef("shop", "client"), "shop", List.of("10.0.0.6")),
                                new Member(new PodRef("bank", "teller"), "bank", List.of("10.0.9.1", "fd00::9")))));

        compare("isolated-ingress.json", pod);
    }

    @Test
    void clusterTiersAreListedBeforeAndAfterTheTenantsPoliciesInEvaluationOrder() throws IOException {
        VerdictRule adminDeny = new VerdictRule(
                RuleAction.DENY,
                new AllowPeer.PeerSetMembers("ps-2"),
                false,
                List.of(PortMatch.range(Protocol.SCTP, 9000, 9000)),
                new ClusterRuleRef("no-db", Tier.ADMIN, 10, 0, "block-db"));
        VerdictRule adminPass = new VerdictRule(
                RuleAction.PASS,
                AllowPeer.ANYONE,
                true,
                List.of(),
                new ClusterRuleRef("delegate", Tier.ADMIN, 20, 3, null));
        VerdictRule baselineDeny = new VerdictRule(
                RuleAction.DENY,
                AllowPeer.ANYONE,
                true,
                List.of(),
                new ClusterRuleRef("default-deny", Tier.BASELINE, 0, 1, "all"));
        VerdictRule allow = VerdictRule.accept(new AllowPeer.PeerSetMembers("ps-3"), true, List.of(), ALLOW_WEB);
        PodRuleSet rules = new PodRuleSet(
                new PodRef("shop", "db"),
                new Isolation(false, List.of()),
                List.of(adminDeny, adminPass, baselineDeny),
                new Isolation(true, List.of(ALLOW_WEB)),
                List.of(adminPass, allow, baselineDeny));
        PodRules pod = new PodRules(
                new PodRef("shop", "db"),
                null,
                List.of(),
                7,
                rules,
                Map.of("ps-2", List.of(), "ps-3", List.of(new Member(new PodRef("shop", "web"), "shop", List.of()))));

        compare("cluster-tiers.json", pod);
    }

    @Test
    void aPodNoPolicySelectsIsOpenBothWays() throws IOException {
        PodRuleSet rules =
                new PodRuleSet(new PodRef("shop", "idle"), Isolation.NONE, List.of(), Isolation.NONE, List.of());
        compare(
                "open.json",
                new PodRules(new PodRef("shop", "idle"), "node-2", List.of("10.0.0.7"), 3, rules, Map.of()));
    }

    private void compare(String name, PodRules pod) throws IOException {
        GoldenFile.assertMatches(GOLDEN.resolve(name), JSON.writeValueAsString(presenter.show(pod, SHOP_ADMIN)) + "\n");
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow();
    }
}
