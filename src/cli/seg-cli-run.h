/* seg-cli-run.h — segmenta-cli as a function, so tests can call it in-process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEG_CLI_EXIT_INPUT 1
#define SEG_CLI_EXIT_USAGE 2

int seg_cli_run (int   argc,
                 char *argv[]);

G_END_DECLS
