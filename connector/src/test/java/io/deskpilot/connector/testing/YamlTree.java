package io.deskpilot.connector.testing;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Navigation in parsed YAML (manifests): a node that must be a mapping, and a sequence of mappings (empty when absent). */
public final class YamlTree {

	private YamlTree() {
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> list(Object node) {
		return node == null ? List.of() : (List<Map<String, Object>>) node;
	}

}
