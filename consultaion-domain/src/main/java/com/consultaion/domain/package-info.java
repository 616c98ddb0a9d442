/** The pure-Java domain of Consultaion: depends on java.* only. */
package com.consultaion.domain;
