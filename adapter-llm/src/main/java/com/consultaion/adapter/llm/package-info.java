/** Chat-model adapters: the offline local model and OpenAI-compatible providers. */
package com.consultaion.adapter.llm;
