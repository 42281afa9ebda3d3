#ifndef GUANCE_JIRA_SYNC_CRDKAFKA_SHIM_H
#define GUANCE_JIRA_SYNC_CRDKAFKA_SHIM_H

// librdkafka from Debian's librdkafka-dev (2.0.2). Only the Kafka module imports this.
#include <librdkafka/rdkafka.h>
// The in-process mock cluster: the dev broker and the test broker.
#include <librdkafka/rdkafka_mock.h>

#endif
