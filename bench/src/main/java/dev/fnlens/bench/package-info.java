package dev.fnlens.bench;
