#ifndef GUANCE_JIRA_SYNC_CRDKAFKA_MOCK_SHIM_H
#define GUANCE_JIRA_SYNC_CRDKAFKA_MOCK_SHIM_H

// librdkafka's in-process mock cluster (Debian's librdkafka-dev 2.0.2): the dev broker and the
// test broker. Only the KafkaMock module imports this; production executables never link it.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#endif
