#pragma once
#define HD_VERSION "0.1.0"
