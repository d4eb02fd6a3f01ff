#include "config.h"

#include <stdlib.h>

#include "audit/multi.h"
#include "lib/msg.h"

struct po_multi {
	CURLM *handle;
};

struct po_multi *
po_multi_new(const struct po_audit_opts *opts)
{
	struct po_multi *m = po_xcalloc(1, sizeof(*m));

	m->handle = curl_multi_init();
	if (m->handle == NULL)
		po_oom();
	curl_multi_setopt(m->handle, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)opts->host_connections);
	curl_multi_setopt(m->handle, CURLMOPT_PIPELINING,
	    (long)CURLPIPE_MULTIPLEX);
	return m;
}

void
po_multi_add(struct po_multi *m, struct po_fetch *f)
{
	if (curl_multi_add_handle(m->handle, f->easy) != CURLM_OK)
		po_oom();
}

void
po_multi_run(struct po_multi *m, po_multi_done_fn done, void *ctx)
{
	for (;;) {
		int running = 0;
		int ended = 0;
		CURLMsg *msg;
		int left;

		if (curl_multi_perform(m->handle, &running) != CURLM_OK)
			break;
		while ((msg = curl_multi_info_read(m->handle, &left))) {
			struct po_fetch *f = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&f);
			po_fetch_done(f, msg->data.result);
			curl_multi_remove_handle(m->handle, msg->easy_handle);
			done(f, ctx);
			ended++;
		}
		/* A transfer that ended may have added others: only a round
		 * with nothing running and nothing ended is the last. */
		if (running == 0 && ended == 0)
			break;
		if (running > 0 &&
		    curl_multi_poll(m->handle, NULL, 0, 1000, NULL) != CURLM_OK)
			break;
	}
}

void
po_multi_free(struct po_multi *m)
{
	if (m == NULL)
		return;
	curl_multi_cleanup(m->handle);
	free(m);
}
