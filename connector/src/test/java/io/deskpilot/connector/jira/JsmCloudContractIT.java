package io.deskpilot.connector.jira;

/** Jira Cloud: v3 API with ADF, accountIds, {@code /search/jql} with page tokens, API-token basic auth. */
class JsmCloudContractIT extends JsmContractTestBase {

	@Override
	String installationId() {
		return "jsm-cloud";
	}

	@Override
	String deployment() {
		return "cloud";
	}

}
