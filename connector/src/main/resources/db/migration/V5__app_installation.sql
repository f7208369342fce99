-- Desks installed as an app (Forge on Jira Cloud): the app runtime names its installation inside a signed token, and
-- this maps it to a tenant. The runtime's short-lived API token is kept (encrypted) so every replica can call the
-- site back with the newest one.
create table app_installation (
    platform            varchar(32)  not null,
    app_installation_id varchar(300) not null,
    installation_id     varchar(64)  not null references installation (id) on delete cascade,
    api_base_url        varchar(500) not null,
    site_id             varchar(200),
    token               varchar(8000),
    token_expires_at    timestamp with time zone,
    first_seen_at       timestamp with time zone not null,
    last_seen_at        timestamp with time zone not null,
    primary key (platform, app_installation_id)
);
create unique index app_installation_tenant on app_installation (installation_id);
