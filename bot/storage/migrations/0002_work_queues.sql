-- Version 2: the indexes the pipeline and the funnel read by.

-- The inbox worker takes pending rows in arrival order.
CREATE INDEX inbox_pending ON inbox(id) WHERE status = 'pending';
-- Per-person order: the rows of one sender in arrival order.
CREATE INDEX inbox_sender ON inbox(sender_key, id);

-- The dispatcher takes queued rows that are due.
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'queued';
-- Delivery receipts find their row by the platform's message id.
CREATE INDEX outbox_platform_message ON outbox(channel, platform_message_id)
  WHERE platform_message_id IS NOT NULL;
-- Order per chat: earlier unsent rows of the same chat hold later ones back.
CREATE INDEX outbox_chat ON outbox(channel, chat_id, id) WHERE status IN ('queued', 'sending');

-- Journeys: a person's steps in order, and a step's count over time (funnels).
CREATE INDEX journey_contact ON journey_events(contact_id, at);
CREATE INDEX journey_step ON journey_events(step, at);

CREATE INDEX opportunities_open ON opportunities(kind, country) WHERE status = 'open';
CREATE INDEX contacts_organization ON contacts(organization_id, role);
