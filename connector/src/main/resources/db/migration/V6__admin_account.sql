-- Admin console accounts (local login). Passwords are stored as {bcrypt} hashes, never in clear.
create table admin_account (
    username        varchar(100) primary key,
    password_hash   varchar(200) not null,
    created_at      timestamp with time zone not null,
    last_login_at   timestamp with time zone
);
