package io.deskpilot.connector.jira;

import java.util.Map;

/** Jira Data Center: v2 API with wiki strings, user names, {@code /search} with startAt, bearer personal access token. */
class JsmDataCenterContractIT extends JsmContractTestBase {

	@Override
	String installationId() {
		return "jsm-dc";
	}

	@Override
	Map<String, String> settings() {
		return Map.of(JiraSettings.DEPLOYMENT, "datacenter");
	}

}
