-- OAuth 2.0 grants (Jira Cloud 3LO): one per installation, tokens encrypted. Refresh tokens rotate, so the row is
-- locked (select ... for update) while one replica exchanges it; the others wait and read the new tokens.
create table oauth_grant (
    installation_id     varchar(64)  primary key references installation (id) on delete cascade,
    resource_id         varchar(200) not null,
    api_base_url        varchar(500) not null,
    access_token        varchar(8000) not null,
    access_expires_at   timestamp with time zone not null,
    refresh_token       varchar(8000) not null,
    scopes              varchar(2000) not null,
    granted_at          timestamp with time zone not null,
    refreshed_at        timestamp with time zone not null,
    problem             varchar(1000)
);

-- Consent in progress: the one-time state sent to the desk's consent page, bound to an installation.
create table oauth_state (
    state               varchar(100) primary key,
    installation_id     varchar(64)  not null references installation (id) on delete cascade,
    redirect_uri        varchar(1000) not null,
    expires_at          timestamp with time zone not null
);
