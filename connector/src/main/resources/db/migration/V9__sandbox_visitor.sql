-- The sandbox desk's customers are anonymous visitors: a request filed from the customer page belongs to the visitor
-- that filed it, known by the SHA-256 (hex) of a random token kept in the visitor's HttpOnly cookie. Requests without
-- one (the seeded history, requests filed by tests through the desk) belong to no visitor.
alter table sandbox_ticket add column visitor_hash varchar(64);
create index sandbox_ticket_visitor on sandbox_ticket (visitor_hash, id);
