/* seg-charts.h — everything the chart layer offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-chart-axis.h"
#include "seg-chart-bars.h"
#include "seg-chart-box.h"
#include "seg-chart-confusion.h"
#include "seg-chart-export.h"
#include "seg-chart-flow.h"
#include "seg-chart-frame.h"
#include "seg-chart-heatmap.h"
#include "seg-chart-hist.h"
#include "seg-chart-hit.h"
#include "seg-chart-kpi.h"
#include "seg-chart-line.h"
#include "seg-chart-roc.h"
#include "seg-chart-scatter.h"
#include "seg-chart-silhouette.h"
#include "seg-chart-style.h"
#include "seg-chart-table.h"
#include "seg-chart-text.h"
#include "seg-format.h"
