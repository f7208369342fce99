package io.deskpilot.connector.jira;

/** Jira Data Center: v2 API with wiki strings, user names, {@code /search} with startAt, bearer personal access token. */
class JsmDataCenterContractIT extends JsmContractTestBase {

	@Override
	String installationId() {
		return "jsm-dc";
	}

	@Override
	String deployment() {
		return "datacenter";
	}

}
