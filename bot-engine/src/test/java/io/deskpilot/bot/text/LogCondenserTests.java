package io.deskpilot.bot.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogCondenserTests {

	@Test
	void keepsExceptionAndTopFrames_dropsTheRest() {
		String trace = """
				The service fails on start:
				java.lang.IllegalStateException: Connection pool shut down
				        at org.apache.http.pool.AbstractConnPool.lease(AbstractConnPool.java:167)
				        at org.apache.http.pool.AbstractConnPool.lease(AbstractConnPool.java:199)
				        at org.apache.http.impl.conn.PoolingClientConnectionManager.requestConnection(PoolingClientConnectionManager.java:188)
				        at sun.reflect.GeneratedMethodAccessor359.invoke(Unknown Source)
				        at java.lang.reflect.Method.invoke(Method.java:606)
				Caused by: java.net.SocketException: Broken pipe
				        at java.net.SocketOutputStream.write(SocketOutputStream.java:153)
				        ... 42 more
				Please help.""";
		String condensed = LogCondenser.condense(trace);
		assertThat(condensed).contains("java.lang.IllegalStateException: Connection pool shut down")
			.contains("AbstractConnPool.lease(AbstractConnPool.java:167)")
			.contains("PoolingClientConnectionManager.requestConnection")
			.contains("Caused by: java.net.SocketException: Broken pipe")
			.contains("SocketOutputStream.write")
			.contains("Please help.")
			.doesNotContain("GeneratedMethodAccessor359")
			.doesNotContain("42 more");
	}

	@Test
	void logLines_loseTimestampsAndRepeats_keepProblems() {
		StringBuilder log = new StringBuilder("Here is the log:\n");
		for (int i = 0; i < 20; i++) {
			log.append("2014-07-22 11:15:0").append(i % 10).append(" DEBUG 00000078").append(i).append(" Poller | heartbeat ok\n");
		}
		log.append("2014-07-22 11:16:00 ERROR 000000781 BaseLoginModule | AuthException: No such role\n");
		String condensed = LogCondenser.condense(log.toString());
		assertThat(condensed).contains("Here is the log:").contains("ERROR").contains("AuthException: No such role")
			.doesNotContain("2014-07-22");
		assertThat(condensed.lines().filter(l -> l.contains("heartbeat ok")).count()).isEqualTo(1);
	}

	@Test
	void prose_isUntouched() {
		String prose = "The VPN drops every hour.\nIt started after the update.";
		assertThat(LogCondenser.condense(prose)).isEqualTo(prose);
	}

}
