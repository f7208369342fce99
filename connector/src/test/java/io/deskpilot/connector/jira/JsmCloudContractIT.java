package io.deskpilot.connector.jira;

import java.util.Map;

/** Jira Cloud: v3 API with ADF, accountIds, {@code /search/jql} with page tokens, API-token basic auth. */
class JsmCloudContractIT extends JsmContractTestBase {

	@Override
	String installationId() {
		return "jsm-cloud";
	}

	@Override
	Map<String, String> settings() {
		return Map.of(JiraSettings.DEPLOYMENT, "cloud", JiraSettings.EMAIL, "deskpilot@sim.example");
	}

}
