package io.visionstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.visionstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/kubernetes checked offline (no cluster, no kubectl here): the FlinkDeployment against the operator's
 * CRD schema (refusing unknown fields, as kubectl --validate=strict does), and the job settings the ConfigMap
 * and the Secret carry through the job's own configuration parser.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @Test
    void flinkDeploymentMatchesTheOperatorsSchema() throws Exception {
        JsonNode manifest = JSON.valueToTree(yaml(Files.readString(DIR.resolve("visionstream.yaml"))));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(Path.of("src/test/resources/k8s/flinkdeployment-v1beta1.schema.json").toFile()));
        Set<ValidationMessage> errors = schema.validate(manifest);
        assertEquals("", errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n")));
        assertEquals("flink.apache.org/v1beta1", manifest.get("apiVersion").asText());
        assertEquals("FlinkDeployment", manifest.get("kind").asText());
        JsonNode spec = manifest.get("spec");
        assertEquals("savepoint", spec.get("job").get("upgradeMode").asText());
        assertEquals("ai.onnxruntime.", spec.get("flinkConfiguration").get("classloader.parent-first-patterns.additional").asText());
        assertTrue(spec.get("flinkConfiguration").has("taskmanager.memory.task.off-heap.size"));

        // a typo must not pass: the check refuses unknown fields
        ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("job")).put("upgradeMod", "savepoint");
        assertTrue(schema.validate(manifest).stream().anyMatch(m -> m.getMessage().contains("upgradeMod")));
    }

    @Test
    void theJobSettingsInTheConfigMapAndTheSecretAreValidConfigs() throws Exception {
        for (String file : List.of("job-config.yaml", "kafka-client.secret.yaml")) {
            Map<String, Object> doc = yaml(Files.readString(DIR.resolve(file)));
            @SuppressWarnings("unchecked")
            Map<String, String> data = (Map<String, String>) (doc.containsKey("data") ? doc.get("data") : doc.get("stringData"));
            for (Map.Entry<String, String> e : data.entrySet()) {
                Path tmp = Files.createTempFile("k8s-config", ".yaml");
                try {
                    Files.writeString(tmp, e.getValue());
                    JobConfig c = JobConfig.builder().file(tmp).build();
                    assertTrue(c.bootstrap() != null, file + "/" + e.getKey());
                    if (file.contains("secret")) {
                        assertEquals("SASL_SSL", c.kafka().properties().get("security.protocol"));
                        assertTrue(!c.toString().contains("change-me"), "the secret stays out of the printed config");
                    }
                } finally {
                    Files.delete(tmp);
                }
            }
        }
    }

    /**
     * The allocator and JVM settings that keep a TaskManager's resident set flat (issue 11) are the same on
     * Kubernetes as on the standalone cluster: every containerized.taskmanager.env.* and env.java.opts.taskmanager
     * of flink-conf/conf/config.yaml is in the FlinkDeployment with the same value.
     */
    @Test
    void theTaskManagersMemorySettingsAreThoseOfFlinkConf() throws Exception {
        Map<String, String> standalone = new java.util.TreeMap<>();
        flatten("", yaml(Files.readString(Path.of("flink-conf/conf/config.yaml"))), standalone);
        Map<String, String> memory = new java.util.TreeMap<>(standalone);
        memory.keySet().removeIf(k -> !k.startsWith("containerized.taskmanager.env.") && !k.equals("env.java.opts.taskmanager"));
        assertTrue(memory.containsKey("containerized.taskmanager.env.MALLOC_ARENA_MAX"), memory.toString());
        assertTrue(memory.containsKey("env.java.opts.taskmanager"), memory.toString());

        JsonNode conf = JSON.valueToTree(yaml(Files.readString(DIR.resolve("visionstream.yaml")))).get("spec")
                .get("flinkConfiguration");
        for (Map.Entry<String, String> e : memory.entrySet()) {
            assertTrue(conf.has(e.getKey()), "deploy/kubernetes/visionstream.yaml lacks " + e.getKey());
            assertEquals(e.getValue(), conf.get(e.getKey()).asText(), e.getKey());
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(key + ".", (Map<String, Object>) m, out);
            } else {
                out.put(key, String.valueOf(e.getValue()));
            }
        }
    }
}
