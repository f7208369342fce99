-- Requests Deskpilot received and that are not resolved yet are kept beside the resolved history: the knowledge base
-- finds them as open tickets (repeat reports arrive while a problem is open), never as answers. A resolved version
-- of a ticket, from the history import or the request's own resolution, always replaces the open one, never the
-- other way round.
alter table kb_ticket add column open_request boolean default false not null;
