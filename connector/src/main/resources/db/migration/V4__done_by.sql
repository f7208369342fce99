-- Which replica's worker finished an inbox event or outbox action (operations and the several-replicas test).
alter table inbox_event add column done_by varchar(100);
alter table outbox_action add column done_by varchar(100);
