/** HTTP adapter: controllers translate HTTP to use-case commands and results back to JSON. */
package com.consultaion.adapter.rest;
