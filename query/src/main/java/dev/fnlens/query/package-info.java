package dev.fnlens.query;
